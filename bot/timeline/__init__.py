"""The race as a picture: lanes, milestones, slips, rendered with Pillow."""
