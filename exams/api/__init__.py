"""The exam REST API: one APIView per operation over the same selectors and services as the screens."""
