/* placeholder: the page helper replaces this file */
"use strict";
