"""The bottom layer: small pieces every app may import (shared errors, their HTTP translation, env, text
checks), importing no app themselves."""
