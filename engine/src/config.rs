//! Clinic configuration: parsing and validation (filled in by the config work).
