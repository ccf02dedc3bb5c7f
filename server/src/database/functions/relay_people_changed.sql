-- NOTIFY relay_people_changed on every committed change to who someone is (name, email, role, active, departments,
-- a session ending): each instance drops its session cache (SessionsRepository). A session's idle clock
-- (last_seen_at) and a new session are not such changes.
CREATE OR REPLACE FUNCTION public.relay_people_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM pg_notify('relay_people_changed', '');
  RETURN NULL;
END;
$function$;

CREATE OR REPLACE TRIGGER sessions_ended AFTER DELETE OR UPDATE OF user_id, token_hash, expires_at OR TRUNCATE ON public.sessions FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();

CREATE OR REPLACE TRIGGER user_departments_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON public.user_departments FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();

CREATE OR REPLACE TRIGGER users_changed AFTER DELETE OR UPDATE OF name, email, role, active OR TRUNCATE ON public.users FOR EACH STATEMENT EXECUTE FUNCTION relay_people_changed();
