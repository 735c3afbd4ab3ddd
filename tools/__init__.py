"""Developer tools: benchmarks, the notebook runner, the static site and the browser driver."""
