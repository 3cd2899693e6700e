//! Response classes of FastAPI's course (in progress).
