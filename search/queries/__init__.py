"""Read side of search: one module per question the API answers, sharing the helpers in `base`."""
