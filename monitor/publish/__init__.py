"""Publishing the database with Datasette: packaged metadata, views and canned queries."""
