//! FHIR R4 export of an answer set (issue 13 item 4); written in the next
//! commit.
