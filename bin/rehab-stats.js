#!/usr/bin/env node
import '../dist/rehab-stats.mjs';
