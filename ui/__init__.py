"""The browser chat: talks only to :class:`qa.assistant.Assistant`."""
