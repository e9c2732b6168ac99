"""Community reactions to other apps' events: idea status changes and merges."""
