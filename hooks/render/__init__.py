"""What the build writes from the facts and pages: citation marks, source lists, the Sources
and What changed pages, share cards and fonts, page dates, reading time, diagrams, the
timeline strip, minified assets, fixes to the built site. Imports hooks.facts and hooks.core."""
