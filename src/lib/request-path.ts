/**
 * The proxy copies each page request's path and query into this request header, so that server
 * components which are not given the URL (the layout's language switch) can link back to it.
 */
export const REQUEST_PATH_HEADER = "x-request-path";
