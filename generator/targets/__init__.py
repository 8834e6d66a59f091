"""Reports as data: each report's main targets and the previous year's results.

vocabulary.py reads the indicators editors keep; extract.py reads a report's figures
(stage 3 of the pipeline); corrections.py applies editors' corrections; archive.py sets
each figure beside the same region's other years; export.py writes targets.json/.csv.
"""
