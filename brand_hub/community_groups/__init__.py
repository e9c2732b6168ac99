"""Community groups prosumers join and talk in."""
