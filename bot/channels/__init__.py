"""Custom Rasa input/output channels (Slack, Microsoft Teams) and the credentials they need."""
