/**
 * "Viewers of X also viewed Y": co-view counts over each user's recent views, and the recommendations drawn from
 * them (popular movies while a user has nothing to go on).
 */
package io.netflixevents.recommendation.coview;
