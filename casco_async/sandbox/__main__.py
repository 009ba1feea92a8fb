"""``python -m casco_async.sandbox``: run the sandbox under uvicorn (see ``--help``)."""

import sys

from casco_async.sandbox._server import main

sys.exit(main())
