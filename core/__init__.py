"""The bottom layer: small pieces every app may import, importing no app themselves."""
