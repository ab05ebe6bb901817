"""The Discord shell: the only package (with cogs/) that imports discord."""
