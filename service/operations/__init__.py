"""Operations: the domain's writes and reads, shared by the API, the pages and the CLI.

Each takes a database session and domain inputs, returns domain results and raises domain errors
(`service.errors`); none speaks HTTP and none commits: the caller owns the unit of work.
"""
