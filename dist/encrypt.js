#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r,b as o}from"./chunks/chunk-S3R4Z73N.js";import{a as n}from"./chunks/chunk-76BL6OJW.js";import"./chunks/chunk-IIWOQ6EG.js";import"./chunks/chunk-WHNWGAZ7.js";import"./chunks/chunk-FZRQ5LMO.js";import"./chunks/chunk-GGEC2WWZ.js";import"./chunks/chunk-WP6QEMDS.js";import"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-6BC2VEHD.js";import"./chunks/chunk-KI7I7O32.js";n(()=>o(),r);
