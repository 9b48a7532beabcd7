"""Route handlers, one module per site; each exposes ``routes(state) -> list[BaseRoute]``."""
