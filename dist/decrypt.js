#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a as r,c as o}from"./chunks/chunk-6OY7ZLPB.js";import{a as n}from"./chunks/chunk-76BL6OJW.js";import"./chunks/chunk-YHN6EWVQ.js";import"./chunks/chunk-HKBWMZA5.js";import"./chunks/chunk-GGEC2WWZ.js";import"./chunks/chunk-WP6QEMDS.js";import"./chunks/chunk-UPZHYVUA.js";import"./chunks/chunk-CNXVZQ6R.js";import"./chunks/chunk-UGPSQO4T.js";import"./chunks/chunk-KI7I7O32.js";n(()=>o(),r);
