"""How the councils spider finds CPC material on a council's own sites within a budget.

Sources, cheapest first: the home page's links and search form, the sitemap, pages linked
from LGA report pages, documents found by earlier runs, then a best-first crawl on link scores.
Shared CMS platforms get small strategies (platforms.py), city-scrapers mixin style.
"""
