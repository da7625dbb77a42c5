"""The fact registry and what reads it: values and their rendering, review dates, quotes,
open questions. Imports only hooks.core."""
