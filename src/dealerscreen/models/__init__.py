"""Data models: the applicant file and the screening result."""
