#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r,b as o}from"./chunks/chunk-3OAULH7I.js";import{a as n}from"./chunks/chunk-76BL6OJW.js";import"./chunks/chunk-5MGKVTPM.js";import"./chunks/chunk-R3M5XAZH.js";import"./chunks/chunk-OPJ7GP5G.js";import"./chunks/chunk-GGEC2WWZ.js";import"./chunks/chunk-WP6QEMDS.js";import"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-NETPM2QI.js";import"./chunks/chunk-KI7I7O32.js";n(()=>o(),r);
