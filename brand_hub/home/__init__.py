"""The brand destination's landing page."""
