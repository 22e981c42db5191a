"""Local stand-ins for Slack's Web API and Microsoft's Bot Framework services (127.0.0.1 only)."""
