"""Hindi lint (placeholder until the lint module lands): no checks yet."""


def check_pages(pages):
    return []
