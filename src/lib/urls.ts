// Every URL the app hands out is built here, so links and the routes they point to agree.
export const episodeUrl = (slug: string) => `/episodes/${encodeURIComponent(slug)}`;
export const chapterUrl = (slug: string, number: number) => `${episodeUrl(slug)}/chapters/${number}`;
export const turnPermalink = (slug: string, turnId: string) => `${episodeUrl(slug)}/turns/${encodeURIComponent(turnId)}`;
export const turnInReader = (slug: string, turnId: string) => `${episodeUrl(slug)}#${encodeURIComponent(turnId)}`;
export const speakerUrl = (id: string) => `/speakers/${encodeURIComponent(id)}`;
export const topicUrl = (id: string) => `/topics/${encodeURIComponent(id)}`;
