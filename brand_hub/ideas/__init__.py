"""Co-creation: the open ideas board, the brand's idea challenges and the ideas themselves."""
