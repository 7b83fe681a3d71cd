"""Storage: organizations, users, stored sessions and their derived scorecards."""
