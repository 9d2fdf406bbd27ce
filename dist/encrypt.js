#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r,b as o}from"./chunks/chunk-KWJWFU2M.js";import{a as n}from"./chunks/chunk-76BL6OJW.js";import"./chunks/chunk-7ZYMI3FJ.js";import"./chunks/chunk-IQWNFCJT.js";import"./chunks/chunk-GGEC2WWZ.js";import"./chunks/chunk-WP6QEMDS.js";import"./chunks/chunk-GHPIHMT3.js";import"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-X2VZSDU6.js";import"./chunks/chunk-KI7I7O32.js";n(()=>o(),r);
