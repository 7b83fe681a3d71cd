"""The web application: pages for learners and coaches, and the REST API."""
