// Back-office enhancements; every page works without this file.
"use strict";
