"""``python -m casco_async._cli``: the ``casco-async`` command without the installed script."""

import sys

from casco_async._cli import main

sys.exit(main())
