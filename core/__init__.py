"""The bottom layer every app may import and that imports no app: shared errors, their HTTP translation, env."""
