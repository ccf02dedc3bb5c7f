-- Counts a sign-in attempt against the limits and records it, as one atomic step, before any password is
-- checked. Advisory locks on the address, then the account (always in that order: no deadlock), make concurrent
-- reservations from any instance count one after another. Returns the attempt's row id, or null when a limit is
-- reached. A null email counts by address only (invitations).
CREATE OR REPLACE FUNCTION public.login_attempt_reserve(p_email text, p_address text, p_window_minutes integer, p_per_account integer, p_per_address integer)
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
DECLARE
  reserved bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7301, hashtext(p_address));
  IF p_email IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(7302, hashtext(p_email));
  END IF;
  INSERT INTO login_failures (email, address)
  SELECT coalesce(p_email, ''), p_address
   WHERE (SELECT count(*) FROM login_failures
           WHERE address = p_address AND at > now() - make_interval(mins => p_window_minutes)) < p_per_address
     AND (p_email IS NULL OR (SELECT count(*) FROM login_failures
           WHERE email = p_email AND at > now() - make_interval(mins => p_window_minutes)) < p_per_account)
  RETURNING id INTO reserved;
  RETURN reserved;
END;
$function$;
