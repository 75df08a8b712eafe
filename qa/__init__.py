"""The read path: question -> passages -> evidence -> answer with verified citations."""
