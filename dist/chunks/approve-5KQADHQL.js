#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-BUUDJWAS.js";import"./chunk-37FTXW6S.js";import"./chunk-AIP6VG3Y.js";import"./chunk-OZ4A7DYP.js";import"./chunk-JKDKI5II.js";import"./chunk-CRRMDEWY.js";import"./chunk-OGKAF2XS.js";import"./chunk-GWZ3R5NY.js";import"./chunk-KI7I7O32.js";export{a as approveRelease};
