#!/usr/bin/env python3
# Builds a user-sized TrueType collection for npm run bench:fonts (not committed: ~12 MB):
# Droid Sans Fallback three times (faces DroidSansFallback, DroidSansFallbackB, DroidSansFallbackC),
# tables not shared, like a foundry's .ttc of a few weights.
#   apt-get install fonts-droid-fallback python3-fonttools
#   /usr/bin/python3 tests/bench/make-ttc.py OUT.ttc
import sys
from fontTools.ttLib import TTCollection, TTFont

SOURCE = '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'
faces = []
for suffix in ['', 'B', 'C']:
    font = TTFont(SOURCE)
    if suffix:
        for record in font['name'].names:
            if record.nameID in (1, 3, 4, 6):
                text = record.toUnicode()
                record.string = text + (suffix if record.nameID == 6 else ' ' + suffix)
    faces.append(font)
collection = TTCollection()
collection.fonts = faces
collection.save(sys.argv[1], shareTables=False)
