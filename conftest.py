"""Session set-up for every test and for nbval's notebook kernels.

Saved progress (skinlab.course.progress) goes to a throw-away folder, so no test reads or
writes a student's real progress, and the notebooks' stored outputs never depend on it.
"""

import os
import tempfile

os.environ["SKINLAB_PROGRESS_DIR"] = tempfile.mkdtemp(prefix="skinlab-progress-test-")
