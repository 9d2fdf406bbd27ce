#!/usr/bin/env node
import { createRequire as __provenantCreateRequire } from 'node:module'; const require = __provenantCreateRequire(import.meta.url);
import{a}from"./chunk-RL4GUZYM.js";import"./chunk-KI7I7O32.js";export default a();
