"""The three ways in: the command line, the offline console and Discord."""
