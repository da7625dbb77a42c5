"""The engine's base: findings, settings, the build cache, text escaping, the page scanner
and HTML tokenizer, held-back inserts, translation freshness. Imports nothing above it."""
