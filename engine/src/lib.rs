//! CareStep engine.
