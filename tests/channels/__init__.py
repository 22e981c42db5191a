"""End-to-end tests of the Slack and Microsoft Teams channels against local stand-ins."""
