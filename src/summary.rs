//! What Print and Save contain (filled in with the result screen).
