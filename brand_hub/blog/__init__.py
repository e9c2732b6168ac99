"""The brand's blog: posts, their authors and topics."""
